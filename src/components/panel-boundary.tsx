import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorState } from './error-state.tsx';

/**
 * A local error boundary for one panel or chart (STYLE.md 7): bad data blanks that panel, never
 * the page. "Try again" renders the panel anew (its data may have been refetched since).
 */
export class PanelBoundary extends Component<{ children: ReactNode; className?: string }, { error: unknown }> {
  state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error ?? new Error('Unknown error') };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('A panel failed to render', error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className={this.props.className}>
        <ErrorState
          title="This panel couldn't be shown"
          message="Something in this video's data couldn't be drawn here. The rest of the page still works."
          onRetry={() => this.setState({ error: null })}
        />
      </div>
    );
  }
}
