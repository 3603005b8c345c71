/** `cmd pos1 --flag value --bool` → { command, positionals, flags }. Node-only CLI helper. */
export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  flags: Map<string, string>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        flags.set(a.slice(2), next);
        i++;
      } else flags.set(a.slice(2), 'true');
    } else positionals.push(a);
  }
  return { command: positionals.shift(), positionals, flags };
}
