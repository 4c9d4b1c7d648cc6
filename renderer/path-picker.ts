type Bridge = { pickPath?(request: { kind: 'backupFolder' | 'backupFile' }): Promise<unknown> };

/**
 * The desktop shell's dialog for a backup folder or file (main/electron/pick-path.ts), or null in the
 * browser preview, where the path is typed. What it returns only fills the screen's field.
 */
export function pathPicker(): ((kind: 'backupFolder' | 'backupFile') => Promise<string | null>) | null {
  const bridge = window.qeyd as Bridge | undefined;
  const pick = bridge?.pickPath;
  if (!pick) return null;
  return async (kind) => {
    const result = (await pick({ kind })) as { ok?: boolean; path?: unknown } | undefined;
    return result?.ok && typeof result.path === 'string' ? result.path : null;
  };
}
