/** The machine and versions a result was measured on. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface MachineInfo {
  date: string;
  cpuModel: string;
  cpus: number;
  memoryGB: number;
  os: string;
  node: string;
  versions: Record<string, string>;
  loadAverageStart: number[];
  loadAverageEnd: number[] | null;
}

function pkgVersion(root: string, name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

export function machineInfo(root: string): MachineInfo {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpuModel: cpus[0]?.model.trim() ?? '?',
    cpus: cpus.length,
    memoryGB: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    versions: Object.fromEntries(['@playwright/test', 'vite', 'papaparse', 'react', 'recharts'].map((n) => [n, pkgVersion(root, n)])),
    loadAverageStart: os.loadavg(),
    loadAverageEnd: null,
  };
}
