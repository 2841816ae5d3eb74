// jsdom has no ResizeObserver; React Flow measures nodes with it. A stub that never reports sizes is enough for
// rendering and interaction tests (layout numbers come from our own size estimates, not from measurement).
class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= ResizeObserverStub;
