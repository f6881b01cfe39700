import { useEffect, useRef, type RefObject } from 'react';

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

/** Keys the page (scrolling) or the native video controls (seek 5 s, volume) use: the player's only while it has focus. */
const PLAYER_FOCUS_KEYS = new Set([' ', 'Spacebar', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']);

export const SHORTCUTS: ReadonlyArray<{ keys: string[]; action: string; inPlayer?: true }> = [
  { keys: ['Space'], action: 'play / pause', inPlayer: true },
  { keys: ['←', '→'], action: 'frame back / forward', inPlayer: true },
  { keys: ['↑', '↓'], action: 'previous / next rep', inPlayer: true },
  { keys: [',', '.'], action: 'frame back / forward' },
  { keys: ['[', ']'], action: 'previous / next rep' },
  { keys: ['L'], action: 'loop rep' },
];

/**
 * Player keyboard shortcuts. Keys the browser has no use for (`[ ] , . L`) work anywhere on the
 * page except in a field; Space and the arrows only while focus is inside `player` (the region,
 * its controls or the <video>), so they scroll the page everywhere else.
 */
export function usePlayerShortcuts(handlers: PlayerShortcutHandlers, player: RefObject<HTMLElement | null>, enabled = true) {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent, atVideo: boolean) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      if (PLAYER_FOCUS_KEYS.has(event.key) && !(event.target instanceof Node && player.current?.contains(event.target))) return;
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
      if (!handled) return;
      event.preventDefault();
      if (atVideo) event.stopPropagation();
    };
    // Keys aimed at a <video> are taken in the capture phase, before its native controls act on
    // them: Chromium's controls move their timeline by 1% of the duration on → inside the shadow
    // tree, before a bubbling listener could prevent it. Everything else bubbles, so a control
    // that handles its own keys (and calls preventDefault) keeps them.
    const atVideo = (event: KeyboardEvent) => event.target instanceof HTMLMediaElement;
    const onCapture = (event: KeyboardEvent) => atVideo(event) && onKeyDown(event, true);
    const onBubble = (event: KeyboardEvent) => !atVideo(event) && onKeyDown(event, false);
    window.addEventListener('keydown', onCapture, true);
    window.addEventListener('keydown', onBubble);
    return () => {
      window.removeEventListener('keydown', onCapture, true);
      window.removeEventListener('keydown', onBubble);
    };
  }, [enabled, player]);
}
