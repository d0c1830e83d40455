// Copies text to the clipboard: the async Clipboard API where the page may use it, else the older
// copy command on a hidden text field (Electron's window denies every permission, the Clipboard
// API's included; the copy command needs none while handling a click).
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Fall through to the copy command.
  }
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  document.body.append(field);
  field.select();
  const copied = document.execCommand('copy');
  field.remove();
  if (!copied) throw new Error('the clipboard is not available here');
}
