export interface HoldGate {
  /** Settles when `release` is called: what a scripted reply waits on before the rest. */
  readonly held: Promise<void>;
  release(): void;
}

/** A promise released by hand, for `holdAfterToken`: the server sends nothing more until then. */
export function holdGate(): HoldGate {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { held, release };
}
