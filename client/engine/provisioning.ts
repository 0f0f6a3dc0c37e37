/**
 * What the client learns by in-band provisioning, in the client's own terms (the server side is
 * mock-ews's `/__admin/skype/users/:address`; the client never imports mock-ews).
 */
export interface Provisioning {
  /** The user's Skype for Business is Online (then CsImConfiguration is not used). */
  online: boolean
  /** The server has CsImConfiguration (Skype for Business Server 2015 CU3 or later). */
  imConfigurationAvailable: boolean
  /** EnableOfflineIm of the user's Site configuration, else Global; undefined where there is none. */
  enableOfflineIm: boolean | undefined
  /** EnableIMAutoArchiving of the user's effective client policy; undefined: not configured (true). */
  enableIMAutoArchiving: boolean | undefined
}

/** Where the sender's mailbox lives; decides the build threshold and the send path. */
export type MailboxDeployment = 'on-premises' | 'online'
