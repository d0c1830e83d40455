import type { SpanlightApi } from '../../app/contract';
import { useMirror } from './use-mirror';

/** Problems with the settings file or the OTEL_EXPORTER_OTLP_* variables, shown until fixed. */
export function SettingsNotices({ api }: { api: SpanlightApi }) {
  const { settings } = useMirror(api, { pollStatus: false });
  if (!settings || settings.notices.length === 0) return null;
  return (
    <div className="notice notice-warning" role="status" aria-label="Settings notices">
      {settings.notices.map((notice) => (
        <p key={notice}>{notice}</p>
      ))}
    </div>
  );
}
