import '@testing-library/jest-dom/vitest';

// The UI follows the browser's language before sign-in; the tests read Finnish, as a Finnish browser would.
if (typeof navigator !== 'undefined') Object.defineProperty(navigator, 'languages', { value: ['fi-FI', 'fi'], configurable: true });
