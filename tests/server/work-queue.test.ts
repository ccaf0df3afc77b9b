// The store's work queue (server/src/work-queue.ts): one task at a time, in order, each in a turn of its own so that
// the thread reads other requests between two tasks; refused at once when a new task would wait too long, that wait
// estimated from what the tasks cost. Durations come from a clock the test moves, not from the machine's speed.
import { describe, expect, it } from 'vitest';
import { WorkQueue, WorkQueueFull } from '../../server/src/work-queue';

/** A clock the tasks move: a task "takes" `ms` by advancing it. */
function testClock() {
  let now = 0;
  return { clock: () => now, advance: (ms: number) => void (now += ms) };
}

describe('WorkQueue', () => {
  it('runs tasks one at a time, in the order they came, each answering its own caller', async () => {
    const queue = new WorkQueue(Number.POSITIVE_INFINITY);
    const log: string[] = [];
    let running = 0;
    const task = (name: string) => async () => {
      running += 1;
      log.push(`${name} starts with ${running} running`);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running -= 1;
      return name;
    };
    const answers = await Promise.all(['a', 'b', 'c'].map((name) => queue.run(task(name))));
    expect(answers).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a starts with 1 running', 'b starts with 1 running', 'c starts with 1 running']);
    expect(queue.length).toBe(0);
  });

  it('lets the I/O that came during a task be handled before the next task starts', async () => {
    const queue = new WorkQueue(Number.POSITIVE_INFINITY);
    const log: string[] = [];
    const first = queue.run(() => {
      log.push('first task');
      // What a request arriving meanwhile looks like to the thread: a callback after this turn's I/O.
      setImmediate(() => log.push('a request read between the tasks'));
    });
    const second = queue.run(() => void log.push('second task'));
    await Promise.all([first, second]);
    expect(log).toEqual(['first task', 'a request read between the tasks', 'second task']);
  });

  it('does not start a task in the turn it is queued: a turn that reads many requests only queues their work', async () => {
    const queue = new WorkQueue(Number.POSITIVE_INFINITY);
    let started = false;
    const done = queue.run(() => void (started = true));
    expect(started).toBe(false);
    await done;
    expect(started).toBe(true);
  });

  it('refuses a task that would wait longer than the bound, estimated from the tasks measured', async () => {
    const { clock, advance } = testClock();
    const queue = new WorkQueue(100, { firstEstimateMs: 30, clock });
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const running = queue.run(async () => {
      await gate;
      advance(30);
    });
    // One running (30 ms expected), then two waiting: the fourth would wait 3 × 30 = 90 ms, the fifth 120 ms.
    expect(queue.isFull()).toBe(false);
    const waiting = [queue.run(() => advance(30)), queue.run(() => advance(30))];
    expect(queue.expectedWaitMs()).toBe(90);
    expect(queue.isFull()).toBe(false);
    const fourth = queue.run(() => advance(30));
    expect(queue.isFull()).toBe(true);
    await expect(queue.run(() => 'never')).rejects.toBeInstanceOf(WorkQueueFull);
    release();
    await Promise.all([running, ...waiting, fourth]);
    expect(queue.length).toBe(0);
    expect(queue.isFull()).toBe(false);
  });

  it('refuses at its turn, without running it, a task that waited longer than the bound however it was estimated', async () => {
    const { clock, advance } = testClock();
    const queue = new WorkQueue(100, { firstEstimateMs: 10, clock });
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = queue.run(async () => {
      await gate;
      advance(150); // ten times longer than expected
    });
    let lateRan = false;
    const late = queue.run(() => void (lateRan = true));
    release();
    await slow;
    await expect(late).rejects.toBeInstanceOf(WorkQueueFull);
    expect(lateRan).toBe(false);
    // The next one, queued now, waits for nothing and runs.
    await expect(queue.run(() => 'stored')).resolves.toBe('stored');
  });

  it('counts what happens between two tasks that follow each other as part of their cost', async () => {
    const { clock, advance } = testClock();
    const queue = new WorkQueue(10_000, { firstEstimateMs: 10, clock });
    // Each task takes 10 ms, and 40 ms pass between one task's end and the next one's start (other requests read,
    // answers sent): with tasks waiting, the estimate goes to the 50 ms one task really costs the queue.
    const tasks = Array.from({ length: 40 }, () =>
      queue.run(() => {
        advance(10);
        setImmediate(() => advance(40));
      }),
    );
    await Promise.all(tasks);
    const one = queue.run(() => {}); // one more, to read the estimate with one task in the queue
    expect(queue.expectedWaitMs()).toBeGreaterThan(45);
    expect(queue.expectedWaitMs()).toBeLessThanOrEqual(50);
    await one;
  });

  it('never refuses a task when the queue is empty, however long the last task took', async () => {
    const { clock, advance } = testClock();
    const queue = new WorkQueue(10, { clock });
    await queue.run(() => advance(10_000));
    expect(queue.isFull()).toBe(false);
    await expect(queue.run(() => 'answered')).resolves.toBe('answered');
  });

  it('rejects only the caller of a task that fails, and goes on with the next', async () => {
    const queue = new WorkQueue(Number.POSITIVE_INFINITY);
    const failing = queue.run(() => {
      throw new Error('disque plein');
    });
    const next = queue.run(() => 'stored');
    await expect(failing).rejects.toThrow('disque plein');
    await expect(next).resolves.toBe('stored');
  });
});
