import type { Leaf } from '../../core/diagnosis/tree';

const PLATFORM_LABEL: Record<string, string> = { asterisk: 'Asterisk', freeswitch: 'FreeSWITCH', kamailio: 'Kamailio', vicidial: 'VICIdial', any: 'Any' };

/**
 * "What to check, in order" for a leaf, with the commands of the platforms the files come from
 * (all of them when `platforms` is absent); nothing when the leaf has no checks.
 */
export function CheckList({ leaf, platforms }: { leaf: Leaf; platforms: ReadonlySet<string> | undefined }) {
  if (leaf.check.length === 0) return null;
  return (
    <>
      <h4 className="mt-3 font-medium">What to check, in order</h4>
      <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm">
        {leaf.check.map((step) => {
          const commands = Object.entries(step.commands ?? {}).filter(([platform]) => !platforms || platform === 'any' || platforms.has(platform));
          return (
            <li key={step.what}>
              {step.what}
              {commands.length > 0 && (
                <dl className="mt-0.5 grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 text-xs">
                  {commands.map(([platform, command]) => (
                    <div key={platform} className="contents">
                      <dt className="text-muted">{PLATFORM_LABEL[platform] ?? platform}</dt>
                      <dd className="font-mono [overflow-wrap:anywhere]">{command}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}
