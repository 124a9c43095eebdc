// A Map that reports every change, so a structured header object (Cache-Control, CSP,
// WWW-Authenticate parameters) can rewrite the response header it came from.

export class CallbackDict<V> extends Map<string, V> {
  /** Called after every change with the dict itself. */
  onUpdate: ((dict: this) => void) | undefined;

  constructor(initial?: Iterable<readonly [string, V]> | Readonly<Record<string, V>> | null, onUpdate?: (dict: CallbackDict<V>) => void) {
    super();
    // filled through Map's own set so that neither a subclass override nor onUpdate runs
    if (initial != null) {
      const entries =
        typeof (initial as Iterable<unknown>)[Symbol.iterator] === "function"
          ? (initial as Iterable<readonly [string, V]>)
          : Object.entries(initial as Record<string, V>);
      for (const [key, value] of entries) Map.prototype.set.call(this, key, value);
    }
    this.onUpdate = onUpdate;
  }

  override set(key: string, value: V): this {
    super.set(key, value);
    this.onUpdate?.(this);
    return this;
  }

  override delete(key: string): boolean {
    const removed = super.delete(key);
    if (removed) this.onUpdate?.(this);
    return removed;
  }

  override clear(): void {
    super.clear();
    this.onUpdate?.(this);
  }

  /** Sets several keys and reports once. */
  update(values: Iterable<readonly [string, V]> | Readonly<Record<string, V>>): void {
    const entries =
      typeof (values as Iterable<unknown>)[Symbol.iterator] === "function"
        ? (values as Iterable<readonly [string, V]>)
        : Object.entries(values as Record<string, V>);
    for (const [key, value] of entries) super.set(key, value);
    this.onUpdate?.(this);
  }

  /** A plain object copy (own data properties only). */
  toObject(): Record<string, V> {
    return Object.fromEntries(this);
  }
}
