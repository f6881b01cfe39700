// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stubResizeObserver } from '../../test/setup-dom.ts';
import { fetchStub, renderRoutes, reviewAnswers } from '../../test/render.tsx';
import { ReviewPage } from './review-page.tsx';

// Joint data the angle chart chokes on, stood in for by a panel that throws while rendering.
vi.mock('./joint-angle-panel.tsx', () => ({
  JointAnglePanel: () => {
    throw new Error('bad joint data');
  },
}));

beforeEach(() => stubResizeObserver());

describe('CompleteView', () => {
  it('blanks only the panel that throws: the player, summary and table still show', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.stubGlobal(
      'fetch',
      fetchStub(reviewAnswers()).fn,
    );
    renderRoutes([{ path: '/videos/:id', Component: ReviewPage }], '/videos/vid-1');

    expect(await screen.findByText("This panel couldn't be shown")).toBeTruthy();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.getByText('3 reps')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Player' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Rep \d$/ })).toHaveLength(3);
    expect(screen.getByRole('table', { name: 'Reps and their analyses' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});
