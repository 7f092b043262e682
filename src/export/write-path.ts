/**
 * A write to a stream that fails (ENOSPC on a full disk) comes back without the file's path, which Node gives only
 * to errors of opening: it is added here, so that the command line can say which file could not be written.
 */
export function withPath(path: string): (error: unknown) => never {
  return (error: unknown) => {
    if (error && typeof error === 'object' && !('path' in error)) Object.assign(error, { path });
    throw error;
  };
}
