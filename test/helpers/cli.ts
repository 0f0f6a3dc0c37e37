/**
 * `ews-lab` as a user runs it: a child process, read line by line, stopped by its process id; or a
 * command function run in-process with its output captured (quietly).
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'

export interface Run {
  child: ChildProcess
  stdout: string
  stderr: string
  exit: Promise<number | null>
}

export function ewsLab(...args: string[]): Run {
  const child = spawn(process.execPath, ['bin/ews-lab.js', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const run: Run = {
    child,
    stdout: '',
    stderr: '',
    exit: new Promise((done) => child.once('exit', (code) => done(code))),
  }
  child.stdout!.on('data', (d: Buffer) => (run.stdout += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (run.stderr += d.toString()))
  return run
}

/** Resolves with the first stdout line matching `pattern`, or rejects when the process exits first. */
export function waitForLine(run: Run, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const m = pattern.exec(run.stdout)
      if (m) resolve(m)
    }
    run.child.stdout!.on('data', check)
    run.exit.then(() => reject(new Error(`exited before printing ${pattern}: ${run.stderr}`)))
    check()
  })
}

/** Runs an in-process command (`fn`) with stdout dropped, stderr and process.exitCode captured. */
export async function quietly(
  fn: () => Promise<void>,
): Promise<{ stderr: string; exitCode?: number }> {
  const { stdout, stderr } = process
  const writes = [stdout.write, stderr.write] as const
  const saved = process.exitCode
  let err = ''
  process.exitCode = undefined
  stdout.write = (() => true) as never
  stderr.write = ((chunk: string | Uint8Array) => ((err += String(chunk)), true)) as never
  try {
    await fn()
    return { stderr: err, exitCode: process.exitCode as number | undefined }
  } finally {
    ;[stdout.write, stderr.write] = writes
    process.exitCode = saved
  }
}
