import { useClientState } from '../store/use-client-store';

/** Problems with the settings file or the OTEL_EXPORTER_OTLP_* variables, shown until fixed. */
export function SettingsNotices() {
  const settings = useClientState((state) => state.settings).value;
  if (!settings || settings.notices.length === 0) return null;
  return (
    <div className="notice notice-warning" role="status" aria-label="Settings notices">
      {settings.notices.map((notice) => (
        <p key={notice}>{notice}</p>
      ))}
    </div>
  );
}
