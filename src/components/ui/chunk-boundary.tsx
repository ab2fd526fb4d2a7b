import { Component, Suspense, type ReactNode } from 'react';

interface State {
  failed: boolean;
}

/**
 * A part of the page that loads as a chunk of its own (the dashboards): while it loads nothing is
 * shown, and if its code cannot be loaded (the server went away, a newer build replaced it) the
 * rest of the page stays and says so, instead of the whole page going blank.
 */
export class ChunkBoundary extends Component<{ what: string; children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render() {
    if (this.state.failed) {
      return (
        <p role="alert" className="mt-8 rounded-lg border border-line bg-panel p-4 text-center" data-testid="chunk-failed">
          The {this.props.what} could not be loaded. Reload the page to try again; your files stay on this computer.
        </p>
      );
    }
    return <Suspense fallback={null}>{this.props.children}</Suspense>;
  }
}
