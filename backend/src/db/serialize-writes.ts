// One writer at a time, waited for asynchronously. @libsql/client runs an embedded database's statements
// synchronously on the calling thread, on a pool of connections: while one connection holds a write transaction
// (and awaits between its statements), a write on another connection sits in SQLite's busy handler — a synchronous
// sleep of up to the busy timeout that freezes the event loop, with the lock holder unable to continue until it
// gives up. This wrapper makes every write (a transaction, a batch, a statement that is not a SELECT) wait its turn
// on a promise queue instead, so SQLite never sees two writers from this process. Reads on a pooled file database
// do not wait (WAL readers never block); on a single-connection database (:memory:) everything waits its turn.
import type { Client, InArgs, InStatement, ResultSet, Transaction, TransactionMode } from "@libsql/client";

export interface SerializeWritesOptions {
  /** true: SELECTs outside a transaction run at once, on another pooled connection (file databases, WAL). */
  readsBypass: boolean;
  /**
   * How long a caller waits for the writer before running anyway (and meeting SQLite's own busy timeout, as it
   * would have without this queue). It only matters for a caller that writes through the client while its own
   * transaction is open — a bug, which then fails as before instead of waiting forever.
   */
  maxWaitMs?: number;
}

/** A FIFO lock; `acquire` resolves with its release function. */
function writeQueue(maxWaitMs: number) {
  let tail: Promise<void> = Promise.resolve();
  return async function acquire(): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const before = tail;
    tail = tail.then(() => mine);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([before, new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)))]);
    clearTimeout(timer);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  };
}

type AnyStatement = InStatement | string | [string, InArgs?];
const sqlOf = (stmt: AnyStatement) => (typeof stmt === "string" ? stmt : Array.isArray(stmt) ? stmt[0] : stmt.sql);
const isRead = (stmt: AnyStatement) => /^\s*select\b/i.test(sqlOf(stmt));

/** Wraps a libSQL client so its writes from this process run one at a time (see above). */
export function serializeWrites(inner: Client, opts: SerializeWritesOptions): Client {
  const acquire = writeQueue(opts.maxWaitMs ?? 5000);
  async function exclusive<T>(run: () => Promise<T>): Promise<T> {
    const release = await acquire();
    try {
      return await run();
    } finally {
      release();
    }
  }
  const readsFree = (stmts: AnyStatement[]) => opts.readsBypass && stmts.every(isRead);

  async function transaction(mode?: TransactionMode): Promise<Transaction> {
    if (mode === "read" && opts.readsBypass) return inner.transaction(mode);
    const release = await acquire();
    let tx: Transaction;
    try {
      tx = await inner.transaction(mode);
    } catch (err) {
      release();
      throw err;
    }
    // The turn ends when the transaction does, however it ends.
    const settle =
      <A extends unknown[], R>(fn: (...args: A) => R) =>
      (...args: A): R => {
        try {
          const out = fn(...args);
          if (out instanceof Promise) return out.finally(release) as R;
          release();
          return out;
        } catch (err) {
          release();
          throw err;
        }
      };
    return Object.assign(Object.create(tx) as Transaction, {
      execute: tx.execute.bind(tx),
      batch: tx.batch.bind(tx),
      executeMultiple: tx.executeMultiple.bind(tx),
      commit: settle(tx.commit.bind(tx)),
      rollback: settle(tx.rollback.bind(tx)),
      close: settle(tx.close.bind(tx)),
    });
  }

  const wrapped: Partial<Client> = {
    execute: ((stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> => {
      const run = () => (args === undefined ? inner.execute(stmtOrSql as InStatement) : inner.execute(stmtOrSql as string, args));
      return readsFree([stmtOrSql]) ? run() : exclusive(run);
    }) as Client["execute"],
    batch: (stmts, mode) =>
      readsFree(stmts) && mode !== "write" ? inner.batch(stmts, mode) : exclusive(() => inner.batch(stmts, mode)),
    migrate: (stmts) => exclusive(() => inner.migrate(stmts)),
    executeMultiple: (sql) => exclusive(() => inner.executeMultiple(sql)),
    transaction: transaction as Client["transaction"],
    sync: () => inner.sync(),
    close: () => inner.close(),
  };
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop in wrapped) return wrapped[prop as keyof Client];
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
    // Replacing a wrapped method (a test's spy on client.batch) replaces the queued one, not the inner client's:
    // otherwise the queued method would call the replacement, which calls the queued method again, for ever.
    set(target, prop, value, receiver) {
      if (prop in wrapped) {
        (wrapped as Record<PropertyKey, unknown>)[prop] = value;
        return true;
      }
      return Reflect.set(target, prop, value, receiver);
    },
  });
}
