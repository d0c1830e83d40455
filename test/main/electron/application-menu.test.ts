import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuOptions } from '../../../main/electron/application-menu';

function template(overrides: Partial<MenuOptions> = {}) {
  const actions = { openTraceFile: vi.fn(), exportTrace: vi.fn(), showAbout: vi.fn() };
  const menu = buildMenuTemplate({
    appName: 'Spanlight',
    platform: 'linux',
    development: false,
    actions,
    ...overrides,
  });
  return { menu, actions };
}

function submenu(menu: MenuItemConstructorOptions[], label: string) {
  const item = menu.find((entry) => entry.label === label || entry.role === label);
  if (!item) throw new Error(`no ${label} menu`);
  return item.submenu as MenuItemConstructorOptions[];
}

describe('buildMenuTemplate', () => {
  it('has File, the standard Edit, View, Window menus and Help, in that order', () => {
    const { menu } = template();
    expect(menu.map((item) => item.label ?? item.role)).toEqual([
      '&File',
      'editMenu',
      '&View',
      'windowMenu',
      'help',
    ]);
  });

  it('puts the app menu first on macOS, with About and Quit in it', () => {
    const { menu, actions } = template({ platform: 'darwin' });
    expect(menu[0]!.label).toBe('Spanlight');
    const appMenu = menu[0]!.submenu as MenuItemConstructorOptions[];
    expect(appMenu.map((item) => item.role).filter(Boolean)).toContain('quit');
    appMenu[0]!.click!({} as never, undefined, {} as never);
    expect(actions.showAbout).toHaveBeenCalled();
  });

  it('offers Open Trace File… (CmdOrCtrl+O), Export Trace… and Quit in File', () => {
    const { menu, actions } = template();
    const file = submenu(menu, '&File');
    const open = file.find((item) => item.id === 'open-trace-file')!;
    expect(open).toMatchObject({ label: 'Open Trace File…', accelerator: 'CmdOrCtrl+O' });
    open.click!({} as never, undefined, {} as never);
    expect(actions.openTraceFile).toHaveBeenCalledTimes(1);
    const exportItem = file.find((item) => item.id === 'export-trace')!;
    expect(exportItem.label).toBe('Export Trace…');
    exportItem.click!({} as never, undefined, {} as never);
    expect(actions.exportTrace).toHaveBeenCalledTimes(1);
    expect(file.at(-1)).toEqual({ role: 'quit' });
  });

  it('has the zoom shortcuts, and reload and developer tools only in development', () => {
    const released = submenu(template().menu, '&View');
    expect(
      released.filter((item) => item.visible !== false).map((item) => item.accelerator),
    ).toEqual(expect.arrayContaining(['CmdOrCtrl+0', 'CmdOrCtrl+Plus', 'CmdOrCtrl+-']));
    const roles = (items: MenuItemConstructorOptions[]) => items.map((item) => item.role);
    expect(roles(released)).not.toContain('reload');
    expect(roles(released)).not.toContain('toggleDevTools');
    const developing = submenu(template({ development: true }).menu, '&View');
    expect(roles(developing)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('opens About from Help', () => {
    const { menu, actions } = template();
    submenu(menu, 'help')[0]!.click!({} as never, undefined, {} as never);
    expect(actions.showAbout).toHaveBeenCalledTimes(1);
  });
});
