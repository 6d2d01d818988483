/**
 * Redraws while jobs run: on a steady tick (10 a second) and at once when a job starts,
 * ends or asks to be drawn. A job's events never render by themselves.
 */
import { useEffect, useState } from 'react';
import type { JobStore } from './jobs.js';

export const TICK_MS = 100;

export function useJobTick(jobs: JobStore): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | null = null;
    const sync = () => {
      setTick((t) => t + 1);
      const running = jobs.running().length > 0;
      if (running && timer === null) timer = setInterval(() => setTick((t) => t + 1), TICK_MS);
      if (!running && timer !== null) {
        clearInterval(timer);
        timer = null;
      }
    };
    const unsubscribe = jobs.subscribe(sync);
    return () => {
      unsubscribe();
      if (timer !== null) clearInterval(timer);
    };
  }, [jobs]);
  return tick;
}
