// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { SetVelocity } from '../../contract/velocity.ts';
import { VelocitySummary } from './velocity-summary.tsx';

const velocity = (over: Partial<SetVelocity>): SetVelocity => ({
  unit: 'm/s',
  approximate: false,
  point: 'hands',
  scale: 0.002,
  width: 640,
  height: 480,
  reps: [],
  thresholdPct: 20,
  loss: { pct: 24.5, fastest: 0, last: 3 },
  firstBelow: 2,
  ...over,
});

const show = (v: SetVelocity, { athleteId }: { athleteId: number | undefined } = { athleteId: 7 }) =>
  render(
    <MemoryRouter>
      <VelocitySummary velocity={v} athleteId={athleteId} />
    </MemoryRouter>,
  );

describe('VelocitySummary', () => {
  afterEach(cleanup);

  it('names the loss and the first rep past the threshold', () => {
    show(velocity({}));
    expect(screen.getByTestId('velocity-summary').textContent).toContain('Velocity loss 24.5% (rep 4 against rep 1, the fastest). Rep 3 is the first 20% or more slower.');
    expect(screen.queryByTestId('velocity-approximate')).toBeNull();
  });

  it('says when the speeds are approximate for the movement, and where to enter the height for m/s', () => {
    show(velocity({ approximate: true, unit: 'BH/s' }));
    expect(screen.getByTestId('velocity-approximate').textContent).toMatch(/Approximate in this movement/);
    expect(screen.getByRole('link', { name: "Enter the athlete's height" }).getAttribute('href')).toBe('/athletes/7');
  });

  it('on a shared page (no athlete to open) names the unit without asking for the height', () => {
    show(velocity({ unit: 'BH/s' }), { athleteId: undefined });
    expect(screen.getByTestId('velocity-summary').textContent).toContain('Velocity is in body heights per second (BH/s).');
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByTestId('velocity-summary').textContent).not.toMatch(/height for/);
  });
});
