/** A small typed event emitter (the host's listeners of one explorer). */
export interface Emitter<M> {
  /** Calls `listener` on every `event`; returns the function that stops it. */
  on<E extends keyof M>(event: E, listener: (detail: M[E]) => void): () => void;
  emit<E extends keyof M>(event: E, detail: M[E]): void;
  /** How many listeners are registered (for leak checks). */
  size(): number;
  /** Removes every listener. */
  clear(): void;
}

export function createEmitter<M>(): Emitter<M> {
  const listeners = new Map<keyof M, Set<(detail: never) => void>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    emit(event, detail) {
      for (const listener of [...(listeners.get(event) ?? [])]) {
        try {
          (listener as (d: typeof detail) => void)(detail);
        } catch (error) {
          // A host's listener that throws must not stop the explorer or the other listeners.
          console.error(`A '${String(event)}' listener of the explorer threw:`, error);
        }
      }
    },
    size: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
    clear: () => listeners.clear(),
  };
}
