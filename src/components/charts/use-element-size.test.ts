import { expect, test } from 'vitest';
import { enqueueFirstSize } from './use-element-size';

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

test("a chart's first size is applied in a task of its own, never inside the observer's notification, one per task in the order laid out", async () => {
  const applied: string[] = [];
  // One frame's notifications: the timeline's box, then the CPS chart's.
  enqueueFirstSize(() => applied.push('timeline'));
  enqueueFirstSize(() => applied.push('cps'));
  expect(applied).toEqual([]);
  await nextTask();
  expect(applied).toEqual(['timeline']);
  await nextTask();
  expect(applied).toEqual(['timeline', 'cps']);
});
