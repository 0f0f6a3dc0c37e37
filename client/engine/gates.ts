/**
 * The gates a Skype for Business 2016 client passes before it offers offline IM (DESIGN.md "Client
 * gates"; reference/sfb-offline-im.md §1): build ≥ 16.0.6701.1000; with an on-premises mailbox
 * build ≥ 16.0.6920.1000; the server's EnableOfflineIm (CsImConfiguration, from Skype for Business
 * Server 2015 CU3 on; not used Online); the client policy's EnableIMAutoArchiving (unset = true);
 * EWS reachable. There is no check of the recipient. Pure: every decision comes with its reason,
 * for the trace.
 */
import { buildFacts } from '../builds/index.ts'
import type { BuildLike } from '../builds/index.ts'
import type { MailboxDeployment, Provisioning } from './provisioning.ts'

export type GateName = 'build' | 'on-premises-build' | 'server-setting' | 'client-policy' | 'ews'

export interface GateDecision {
  gate: GateName
  passed: boolean
  reason: string
}

export interface GateInputs {
  build: BuildLike
  mailbox: MailboxDeployment
  provisioning: Provisioning
  /** Autodiscover found the EWS URL. */
  ewsReachable: boolean
  /**
   * Why EWS refuses this client, when its last answer said so (ErrorInvalidServerVersion, a 401…):
   * then nothing could be delivered, and the sender must not be told it will be.
   */
  ewsRefusal?: string | undefined
}

export interface GateResult {
  available: boolean
  /** Every gate, in the order the client checks them (all are evaluated, for the trace). */
  decisions: GateDecision[]
  /** What the sender is told when offline IM is not available (ews-lab's wording, not Microsoft's). */
  refusal: string | undefined
}

export function offlineImGates(inputs: GateInputs): GateResult {
  const facts = buildFacts(inputs.build)
  const p = inputs.provisioning
  const decisions: GateDecision[] = [
    { gate: 'build', passed: facts.offlineImCapable, reason: facts.reasons.offlineImCapable },
    inputs.mailbox === 'on-premises'
      ? {
          gate: 'on-premises-build',
          passed: facts.onPremisesCapable,
          reason: facts.reasons.onPremisesCapable,
        }
      : {
          gate: 'on-premises-build',
          passed: true,
          reason: 'the mailbox is in Exchange Online: no on-premises build threshold',
        },
    serverSetting(p),
    clientPolicy(p),
    ewsGate(inputs),
  ]
  const failed = decisions.find((d) => !d.passed)
  return {
    available: !failed,
    decisions,
    refusal: failed && `Offline messaging isn't available: ${failed.reason}.`,
  }
}

function ewsGate(inputs: GateInputs): GateDecision {
  if (!inputs.ewsReachable)
    return {
      gate: 'ews',
      passed: false,
      reason: 'EWS is not reachable: Autodiscover found no EWS URL',
    }
  if (inputs.ewsRefusal !== undefined)
    return { gate: 'ews', passed: false, reason: `EWS refuses this client: ${inputs.ewsRefusal}` }
  return { gate: 'ews', passed: true, reason: 'EWS is reachable (Autodiscover found the EWS URL)' }
}

function serverSetting(p: Provisioning): GateDecision {
  if (p.online)
    return {
      gate: 'server-setting',
      passed: true,
      reason: 'Skype for Business Online: CsImConfiguration is not used',
    }
  if (!p.imConfigurationAvailable) {
    return {
      gate: 'server-setting',
      passed: false,
      reason:
        'the Skype for Business Server has no CsImConfiguration (before 2015 CU3): offline IM is not enabled',
    }
  }
  const on = p.enableOfflineIm !== false
  return {
    gate: 'server-setting',
    passed: on,
    reason:
      p.enableOfflineIm === undefined
        ? 'EnableOfflineIm is not set; the 2015 CU3 default is $True'
        : `EnableOfflineIm is $${on ? 'True' : 'False'}`,
  }
}

function clientPolicy(p: Provisioning): GateDecision {
  const on = p.enableIMAutoArchiving !== false
  return {
    gate: 'client-policy',
    passed: on,
    reason:
      p.enableIMAutoArchiving === undefined
        ? 'EnableIMAutoArchiving is not configured (treated as $True)'
        : `EnableIMAutoArchiving is $${on ? 'True' : 'False'}${on ? '' : ': the offline message could not be saved to Conversation History'}`,
  }
}
