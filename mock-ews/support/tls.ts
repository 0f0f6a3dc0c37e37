/**
 * TLS material for `startEwsServer(app, { tls })`: a self-signed certificate made at start (the
 * `serve --tls` default), or the PEM files a user brings; with the SHA-256 fingerprint a client can
 * compare or pin. The self-signed certificate names localhost, 127.0.0.1, ::1 and the bound host,
 * so a client that trusts it as its CA (the certificate itself) also checks the host name.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { isIP } from 'node:net'

export interface TlsMaterial {
  key: string
  cert: string
  /** `AB:CD:…`, as browsers and `openssl x509 -fingerprint -sha256` show it. */
  fingerprint256: string
}

const DAY_MS = 24 * 60 * 60 * 1000

/** A new key pair and a certificate for `hosts`, valid from a day ago for a year (real time: clients check it). */
export async function selfSignedTls(hosts: readonly string[] = []): Promise<TlsMaterial> {
  const names = [...new Set(['localhost', '127.0.0.1', '::1', ...hosts])]
  const now = Date.now()
  // Loaded here: selfsigned and its X.509 libraries cost ~9 MB and start-up time to every server.
  const { generate } = await import('selfsigned')
  const pems = await generate([{ name: 'commonName', value: 'mock-ews' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now - DAY_MS),
    notAfterDate: new Date(now + 365 * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: names.map((n) => (isIP(n) ? { type: 7, ip: n } : { type: 2, value: n })),
      },
    ],
  })
  return { key: pems.private, cert: pems.cert, fingerprint256: fingerprintOf(pems.cert) }
}

/** The key and certificate of PEM files; a clear error when either is not one. */
export function tlsFromFiles(certFile: string, keyFile: string): TlsMaterial {
  const read = (file: string, what: string, pattern: RegExp): string => {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (e) {
      throw new Error(`${file}: ${(e as Error).message}`)
    }
    if (!pattern.test(text)) throw new Error(`${file}: not a PEM ${what}`)
    return text
  }
  const cert = read(certFile, 'certificate', /-----BEGIN CERTIFICATE-----/)
  const key = read(keyFile, 'private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/)
  let matches: boolean
  try {
    matches = new X509Certificate(cert).checkPrivateKey(createPrivateKey(key))
  } catch (e) {
    throw new Error(`${certFile}, ${keyFile}: ${(e as Error).message}`)
  }
  if (!matches) throw new Error(`${keyFile} is not the private key of ${certFile}`)
  return { key, cert, fingerprint256: fingerprintOf(cert) }
}

export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256
}
