/** Command-line flags of `npm run bench -- …`. */
export interface BenchArgs {
  /** 100k-call inputs only (a few minutes); default is the full set (1M, gz, 4M). */
  quick: boolean;
  /** Runs per measurement (median, min–max). */
  runs: number;
  /** Skip `vite build` and use the last build in bench-results/app-dist. */
  noBuild: boolean;
  /** Serve this prebuilt app instead of building one. */
  appDist: string | null;
  /** Build the app from this git ref (git archive) instead of the working tree. */
  appRef: string | null;
  /** Which parts to run. */
  node: boolean;
  browser: boolean;
  papa: boolean;
  profile: boolean;
  /** Only these input ids (comma separated). */
  only: string[] | null;
  /** Piece-thread counts for the Node scaling table (0 = one pass); default 0, 1, 2, 4 … up to the cores. */
  threads: number[] | null;
}

const HELP = `npm run bench -- [flags]
  --quick            100k-call inputs only (default: full set: 100k, 1M Master.csv, 1M VICIdial, 1M .gz, 4M Master.csv)
  --runs N           runs per measurement (default 3)
  --no-build         reuse bench-results/app-dist instead of building
  --app-dist DIR     serve a prebuilt app from DIR
  --app-ref REF      build the app from a git ref (e.g. HEAD) instead of the working tree
  --only ID,ID       only these inputs (ids as printed in the report)
  --threads 0,1,2,4  piece-thread counts of the Node scaling table (0 = one pass; default 0, 1, 2, 4, … up to the cores)
  --skip-node --skip-browser --skip-papa --skip-profile
`;

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = {
    quick: false,
    runs: 3,
    noBuild: false,
    appDist: null,
    appRef: null,
    node: true,
    browser: true,
    papa: true,
    profile: true,
    only: null,
    threads: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--quick':
        args.quick = true;
        break;
      case '--full':
        args.quick = false;
        break;
      case '--runs':
        args.runs = Math.max(1, Number.parseInt(value(), 10) || 3);
        break;
      case '--no-build':
        args.noBuild = true;
        break;
      case '--app-dist':
        args.appDist = value();
        break;
      case '--app-ref':
        args.appRef = value();
        break;
      case '--only':
        args.only = value().split(',').map((s) => s.trim()).filter(Boolean);
        break;
      case '--threads':
        args.threads = value()
          .split(',')
          .map((t) => Number.parseInt(t.trim(), 10))
          .filter((t) => Number.isInteger(t) && t >= 0);
        break;
      case '--skip-node':
        args.node = false;
        break;
      case '--skip-browser':
        args.browser = false;
        break;
      case '--skip-papa':
        args.papa = false;
        break;
      case '--skip-profile':
        args.profile = false;
        break;
      case '--help':
      case '-h':
        process.stdout.write(HELP);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown flag ${a}\n${HELP}`);
    }
  }
  return args;
}
