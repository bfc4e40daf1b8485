/** The error write(2) gives on a full disk: a test cannot fill a disk, so it throws this instead. */
export function noSpaceError(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
}

/** A switch a test turns on to make the writes of fullDiskFs fail. */
export interface DiskSwitch {
  full: boolean;
}

/**
 * `node:fs` (given as `real`, from a `vi.mock` factory) with `writeSync` throwing noSpaceError
 * while `disk.full` is set, for tests of how writers report a full disk. Takes the real module
 * rather than importing it, so the mock it builds does not mock itself.
 */
export function fullDiskFs<T extends { writeSync: (...args: never[]) => unknown }>(real: T, disk: DiskSwitch): T & { default: T } {
  const writeSync = ((...args: Parameters<T['writeSync']>) => {
    if (disk.full) throw noSpaceError();
    return real.writeSync(...args);
  }) as T['writeSync'];
  const fs = { ...real, writeSync };
  return { ...fs, default: fs };
}
