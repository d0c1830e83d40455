export type MainView = 'waterfall' | 'flame';

/** Waterfall or flame graph: two pictures of the same spans, sharing selection and zoom. */
export function ViewTabs({ view, onView }: { view: MainView; onView: (view: MainView) => void }) {
  const tab = (id: MainView, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={view === id}
      className={view === id ? 'tab active' : 'tab'}
      onClick={() => onView(id)}
    >
      {label}
    </button>
  );
  return (
    <div className="tabs view-tabs" role="tablist" aria-label="Trace views">
      {tab('waterfall', 'Waterfall')}
      {tab('flame', 'Flame graph')}
    </div>
  );
}
