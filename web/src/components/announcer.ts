/**
 * One polite live region for the whole app: page changes and saved states are read out by
 * screen readers without moving focus. The region is in index.html's body from the start
 * (created once here), as live regions added later are often not announced.
 */
let region: HTMLElement | null = null;

function ensureRegion(): HTMLElement {
  if (region && document.body.contains(region)) return region;
  region = document.createElement('div');
  region.id = 'announcer';
  region.setAttribute('aria-live', 'polite');
  region.setAttribute('aria-atomic', 'true');
  region.className = 'visually-hidden';
  document.body.appendChild(region);
  return region;
}

export function announce(message: string): void {
  const r = ensureRegion();
  r.textContent = '';
  // A change of content after a tick is what screen readers notice, also for the same text twice.
  window.setTimeout(() => {
    r.textContent = message;
  }, 50);
}

/** Set when the user moves to another page; the next page heading takes the focus. */
let navigated = false;

export function markNavigation(): void {
  navigated = true;
}

export function takeNavigation(): boolean {
  const was = navigated;
  navigated = false;
  return was;
}
