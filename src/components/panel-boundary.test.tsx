// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import '../test/setup-dom.ts';
import { PanelBoundary } from './panel-boundary.tsx';

describe('PanelBoundary', () => {
  it('blanks only the panel that throws, logs the error, and renders it again on "Try again"', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let broken = true;
    function Chart() {
      if (broken) throw new Error('bad joint data');
      return <p>Chart drawn</p>;
    }
    render(
      <div>
        <PanelBoundary>
          <Chart />
        </PanelBoundary>
        <PanelBoundary>
          <p>Table drawn</p>
        </PanelBoundary>
      </div>,
    );
    expect(screen.getByRole('alert').textContent).toContain("This panel couldn't be shown");
    expect(screen.getByText('Table drawn')).toBeTruthy();
    expect(screen.queryByText('Chart drawn')).toBeNull();
    expect(logged.mock.calls.some((args) => args.some((a) => a instanceof Error && a.message === 'bad joint data'))).toBe(true);

    broken = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('Chart drawn')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    logged.mockRestore();
  });
});
