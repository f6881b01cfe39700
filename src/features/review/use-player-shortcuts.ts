import { useEffect, useRef } from 'react';

export type PlayerShortcutHandlers = {
  togglePlay: () => void;
  stepFrame: (direction: 1 | -1) => void;
  stepRep: (direction: 1 | -1) => void;
  toggleLoop: () => void;
};

/** Keys typed into a field belong to the field. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}

/** Space already activates whatever control has focus (and the native video controls play/pause). */
function spaceBelongsToTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return !!target.closest('button, a[href], input, select, textarea, summary, video, [role="button"], [role="checkbox"]');
}

export const SHORTCUTS: ReadonlyArray<{ keys: string[]; action: string }> = [
  { keys: ['Space'], action: 'play / pause' },
  { keys: ['←', '→'], action: 'frame back / forward' },
  { keys: ['↑', '↓'], action: 'previous / next rep' },
  { keys: ['[', ']'], action: 'previous / next rep' },
  { keys: ['L'], action: 'loop rep' },
];

/** Player keyboard shortcuts on the whole page, except while the coach types in a field. */
export function usePlayerShortcuts(handlers: PlayerShortcutHandlers, enabled = true) {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      const h = ref.current;
      let handled = true;
      switch (event.key) {
        case ' ':
        case 'Spacebar':
          if (spaceBelongsToTarget(event.target)) return;
          h.togglePlay();
          break;
        case 'ArrowLeft':
        case ',':
          h.stepFrame(-1);
          break;
        case 'ArrowRight':
        case '.':
          h.stepFrame(1);
          break;
        case 'ArrowUp':
        case '[':
          h.stepRep(-1);
          break;
        case 'ArrowDown':
        case ']':
          h.stepRep(1);
          break;
        case 'l':
        case 'L':
          h.toggleLoop();
          break;
        default:
          handled = false;
      }
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
