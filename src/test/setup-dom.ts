import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

/** recharts' ResponsiveContainer needs ResizeObserver, which jsdom lacks. */
export function stubResizeObserver() {
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  vi.stubGlobal('ResizeObserver', ResizeObserverStub);
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});
