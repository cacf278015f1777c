// Reads a JSON request on stdin and answers with what ethers v6 computes for it, so the C# tests
// (tests/Livepeer.Host.Tests/Crypto/EthersInteropTests.cs) can demand byte-identical results.
// Request: { keys: [hex], messages: [hex], verify: [{ message, signature }],
//            keystores: [{ json, password }], encrypt: [{ key, password, n }] }
import {
  Wallet, keccak256, hashMessage, verifyMessage, getBytes,
  decryptKeystoreJsonSync, encryptKeystoreJsonSync, computeAddress,
} from 'ethers';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const wallets = (request.keys ?? []).map((key) => new Wallet(key));
const messages = (request.messages ?? []).map((hex) => getBytes(hex));

const result = {
  keys: wallets.map((w) => ({ address: w.address, publicKey: w.signingKey.publicKey })),
  messages: messages.map((m) => ({ keccak: keccak256(m), hashMessage: hashMessage(m) })),
  // personal_sign of each message by each key: signatures[key][message]
  signatures: wallets.map((w) => messages.map((m) => w.signMessageSync(m))),
  // raw digest signing of keccak256(message) by each key: digestSignatures[key][message]
  digestSignatures: wallets.map((w) => messages.map((m) => w.signingKey.sign(keccak256(m)).serialized)),
  verify: (request.verify ?? []).map((v) => {
    try {
      return verifyMessage(getBytes(v.message), v.signature);
    } catch (e) {
      return 'error: ' + e.message;
    }
  }),
  keystores: (request.keystores ?? []).map((k) => {
    try {
      const account = decryptKeystoreJsonSync(k.json, k.password);
      return { address: account.address, privateKey: account.privateKey };
    } catch (e) {
      return { error: e.message };
    }
  }),
  encrypted: (request.encrypt ?? []).map((e) =>
    encryptKeystoreJsonSync({ address: computeAddress(e.key), privateKey: e.key }, e.password, { scrypt: { N: e.n } })),
};

process.stdout.write(JSON.stringify(result));
