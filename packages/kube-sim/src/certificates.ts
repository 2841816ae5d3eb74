import { generate } from 'selfsigned';

/** A CA and a server certificate it signed, valid for 127.0.0.1 and localhost (PEM). */
export interface SimCertificates {
  caCert: string;
  serverCert: string;
  serverKey: string;
}

let cached: Promise<SimCertificates> | undefined;

/**
 * Creates the sim's CA and serving certificate. A real CA plus a leaf (rather than one self-signed
 * leaf) because Go clients such as kubectl verify the chain strictly. EC keys keep this near 50 ms;
 * the pair is made once per process and shared by every sim it starts.
 */
export function simCertificates(): Promise<SimCertificates> {
  cached ??= (async () => {
    const ca = await generate([{ name: 'commonName', value: 'kube-sim-ca' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    });
    const leaf = await generate([{ name: 'commonName', value: 'kube-apiserver' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ],
    });
    return { caCert: ca.cert, serverCert: leaf.cert, serverKey: leaf.private };
  })();
  return cached;
}
