import { Component, Suspense, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** What browsers throw when a lazily imported chunk cannot be fetched (Chromium, Firefox, Safari). */
const CHUNK_LOAD_ERROR = /dynamically imported module|importing a module script failed|error loading dynamically imported/i;

/** What the boundary says: a chunk that could not be fetched, or an error while drawing (its message, cut). */
export function boundaryMessage(what: string, error: Error): string {
  if (CHUNK_LOAD_ERROR.test(error.message)) return `The ${what} could not be loaded. Reload the page to try again; your files stay on this computer.`;
  return `The ${what} stopped with an error while drawing (${error.message.slice(0, MESSAGE_CHARS)}). Reload the page to start again; your files stay on this computer.`;
}

/** An error's message may quote a file's text: shown as text, cut to this length. */
const MESSAGE_CHARS = 200;

/**
 * A part of the page that loads as a chunk of its own (the dashboards), or the whole page: while it
 * loads nothing is shown; if its code cannot be loaded (the server went away, a newer build replaced
 * it) or it fails while drawing, the rest of the page stays and says which, instead of going blank.
 */
export class ChunkBoundary extends Component<{ what: string; children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    const { error } = this.state;
    if (error) {
      return (
        <p role="alert" className="mt-8 rounded-lg border border-line bg-panel p-4 text-center" data-testid="chunk-failed">
          {boundaryMessage(this.props.what, error)}
        </p>
      );
    }
    return <Suspense fallback={null}>{this.props.children}</Suspense>;
  }
}
