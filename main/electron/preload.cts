import { contextBridge, ipcRenderer } from 'electron';

// Sandboxed preloads cannot be ES modules, hence .cts. The page gets exactly one function and a
// platform tag: no ipcRenderer, no Node, no way to pick another channel. Keep the channel name in step
// with ipcChannel in ipc.ts (importing it would pull a second module into the sandboxed preload).
contextBridge.exposeInMainWorld('qeyd', {
  call: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('qeyd:call', method, input),
  // Keep in step with printChannel in print.ts. The main process validates the request.
  printToPdf: (request: { suggestedName: string; landscape?: boolean }): Promise<unknown> => ipcRenderer.invoke('qeyd:print-pdf', request),
  // Keep in step with pickPathChannel in pick-path.ts: the system's dialog for a backup folder or file.
  pickPath: (request: { kind: 'backupFolder' | 'backupFile' }): Promise<unknown> => ipcRenderer.invoke('qeyd:pick-path', request),
  platform: 'electron',
});
