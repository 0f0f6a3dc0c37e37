import { SimulatedCrash } from './world.ts'

/** Runs a client action; a simulated crash is what the scenario asked for, not a failure. */
export async function survive<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action()
  } catch (error) {
    if (error instanceof SimulatedCrash) return undefined
    throw error
  }
}
