export function systemChromiumPath(): string | undefined;
export const CHROMIUM_ARGS: string[];
