// The application menu: the platform's standard roles (Edit, View, Window) plus File and Help.
// A pure template builder, so its shape can be checked without Electron.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openTraceFile(): void;
  exportTrace(): void;
  showAbout(): void;
}

export interface MenuOptions {
  readonly appName: string;
  readonly platform: NodeJS.Platform;
  /** Reload and the developer tools are offered only while developing (not in packaged builds). */
  readonly development: boolean;
  readonly actions: MenuActions;
}

export function buildMenuTemplate({
  appName,
  platform,
  development,
  actions,
}: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { label: `About ${appName}`, click: () => actions.showAbout() },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const fileMenu: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      {
        id: 'open-trace-file',
        label: 'Open Trace File…',
        accelerator: 'CmdOrCtrl+O',
        click: () => actions.openTraceFile(),
      },
      {
        id: 'export-trace',
        label: 'Export Trace…',
        accelerator: 'CmdOrCtrl+Shift+E',
        click: () => actions.exportTrace(),
      },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const viewMenu: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(development
        ? ([
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] satisfies MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
      { role: 'zoomIn', accelerator: 'CmdOrCtrl+Plus' },
      // Plus needs Shift on most keyboards: also take the unshifted key, without listing it twice.
      { role: 'zoomIn', accelerator: 'CmdOrCtrl+=', visible: false },
      { role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ id: 'about', label: `About ${appName}`, click: () => actions.showAbout() }],
  };
  return [
    ...(mac ? [appMenu] : []),
    fileMenu,
    { role: 'editMenu' },
    viewMenu,
    { role: 'windowMenu' },
    helpMenu,
  ];
}
