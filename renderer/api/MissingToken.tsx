/** Shown instead of the app when the web page was opened without the host's token. */
export function MissingToken() {
  return (
    <main className="missing-token" role="alert">
      <h1>Spanlight needs the address the web host printed</h1>
      <p>
        The web host’s API answers only requests that carry the token it made at start. Open the
        address from its “Spanlight listening on http://127.0.0.1:…/?token=…” line (or the one you
        gave it with <code>--token</code>); this tab then keeps the token until it is closed, and
        links opened in other tabs of this browser get it from that tab while it is open.
      </p>
    </main>
  );
}
