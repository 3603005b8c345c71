/*
 * Official MLS interop test vectors (github.com/mlswg/mls-implementations, test-vectors/),
 * run against the ts-mls version we pin. Only the cipher-suite-1 entries are kept
 * (MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519), copied unchanged from upstream:
 *   crypto-basics.json  RefHash, ExpandWithLabel, DeriveSecret, DeriveTreeSecret,
 *                       SignWithLabel (verify + sign/verify round trip), EncryptWithLabel
 *                       (decrypt the upstream ciphertext)
 *   psk_secret.json     PSK secret derivation for 0..3 external PSKs (a subset of the
 *                       upstream cipher-suite-1 entries)
 *   secret-tree.json    sender-data key/nonce, application and handshake ratchets per leaf
 *   key-schedule.json   GroupContext encoding, every epoch secret, external_pub, exporter
 *   transcript-hashes   confirmation tag, confirmed and interim transcript hashes
 *   welcome.json        KeyPackage signature and ref, GroupSecrets decryption
 *   message-protection  open the upstream Private/PublicMessages, and protect one ourselves
 *   treekem.json        merge UpdatePaths: tree hash, decrypted path secrets, commit secret
 * Some stored upstream copies predate RFC 9420 in a detail; each check says where and what it
 * still covers (README.md in ./vectors has the list). Not covered: tree-math (no stored copy),
 * messages, deserialization, tree-validation, passive-client-*; the end-to-end tests in this
 * folder exercise those code paths through our API.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getCiphersuiteFromName, getCiphersuiteImpl } from 'ts-mls';
import { refhash } from 'ts-mls/crypto/hash.js';
import { decryptWithLabel } from 'ts-mls/crypto/hpke.js';
import { deriveSecret, deriveTreeSecret, expandWithLabel } from 'ts-mls/crypto/kdf.js';
import { signWithLabel, verifyWithLabel } from 'ts-mls/crypto/signature.js';
import { computePskSecret } from 'ts-mls/presharedkey.js';
import { decodeAuthenticatedContent } from 'ts-mls/authenticatedContent.js';
import { encodeGroupContext } from 'ts-mls/groupContext.js';
import type { GroupContext } from 'ts-mls/groupContext.js';
import { decodeKeyPackage, makeKeyPackageRef, verifyKeyPackage } from 'ts-mls/keyPackage.js';
import { defaultKeyRetentionConfig } from 'ts-mls/keyRetentionConfig.js';
import { initializeEpoch, mlsExporter } from 'ts-mls/keySchedule.js';
import { applyUpdatePathSecret } from 'ts-mls/createCommit.js';
import { getCommitSecret } from 'ts-mls/pathSecrets.js';
import { toPrivateKeyPath } from 'ts-mls/privateKeyPath.js';
import { decodeRatchetTree } from 'ts-mls/ratchetTree.js';
import { treeHashRoot } from 'ts-mls/treeHash.js';
import { toLeafIndex } from 'ts-mls/treemath.js';
import { applyUpdatePath, decodeUpdatePath } from 'ts-mls/updatePath.js';
import { decodeMlsMessage } from 'ts-mls/message.js';
import { protectApplicationData, unprotectPrivateMessage } from 'ts-mls/messageProtection.js';
import { unprotectPublicMessage } from 'ts-mls/messageProtectionPublic.js';
import { defaultPaddingConfig } from 'ts-mls/paddingConfig.js';
import { encodeCommit } from 'ts-mls/commit.js';
import { encodeProposal } from 'ts-mls/proposal.js';
import type { PrivateMessage } from 'ts-mls/privateMessage.js';
import type { PublicMessage } from 'ts-mls/publicMessage.js';
import { createConfirmedHash, createInterimHash } from 'ts-mls/transcriptHash.js';
import { decodeWelcome, decryptGroupSecrets } from 'ts-mls/welcome.js';
import { createSecretTree, ratchetToGeneration } from 'ts-mls/secretTree.js';
import { expandSenderDataKey, expandSenderDataNonce } from 'ts-mls/sender.js';
import type { ReuseGuard } from 'ts-mls/sender.js';
import type { PreSharedKeyID } from 'ts-mls';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../src/bytes.js';
import { CIPHERSUITE_NAME } from '../src/index.js';

type Vector = Record<string, unknown> & { cipher_suite: number };

function load(name: string): Vector[] {
  const path = fileURLToPath(new URL(`./vectors/${name}`, import.meta.url));
  const all = JSON.parse(readFileSync(path, 'utf8')) as Vector[];
  const ours = all.filter((v) => v.cipher_suite === 1);
  expect(ours.length).toBeGreaterThan(0);
  return ours;
}

const hex = (v: unknown): Uint8Array => fromHex(v as string);
/** Some upstream files write hex in upper case; ours is lower case. */
const same = (actual: Uint8Array, expected: unknown): void => {
  expect(toHex(actual)).toBe((expected as string).toLowerCase());
};
/** Upstream writes these keys as TLS opaque<V> (a one-byte length, then the key). */
const opaque = (v: unknown): Uint8Array => {
  const b = hex(v);
  return b[0] === b.length - 1 ? b.slice(1) : b;
};
const suite = () => getCiphersuiteImpl(getCiphersuiteFromName(CIPHERSUITE_NAME));

describe('MLS interop vectors, cipher suite 1', () => {
  it('crypto-basics', async () => {
    const cs = await suite();
    for (const v of load('crypto-basics.json')) {
      const r = v.ref_hash as Record<string, unknown>;
      expect(toHex(await refhash(r.label as string, hex(r.value), cs.hash))).toBe(r.out);

      const e = v.expand_with_label as Record<string, unknown>;
      const expanded = await expandWithLabel(
        hex(e.secret),
        e.label as string,
        hex(e.context),
        e.length as number,
        cs.kdf,
      );
      expect(toHex(expanded)).toBe(e.out);

      const d = v.derive_secret as Record<string, unknown>;
      expect(toHex(await deriveSecret(hex(d.secret), d.label as string, cs.kdf))).toBe(d.out);

      const t = v.derive_tree_secret as Record<string, unknown>;
      const tree = await deriveTreeSecret(
        hex(t.secret),
        t.label as string,
        t.generation as number,
        t.length as number,
        cs.kdf,
      );
      expect(toHex(tree)).toBe(t.out);

      const s = v.sign_with_label as Record<string, unknown>;
      const pub = opaque(s.pub);
      expect(
        await verifyWithLabel(
          pub,
          s.label as string,
          hex(s.content),
          hex(s.signature),
          cs.signature,
        ),
      ).toBe(true);
      const tampered = hex(s.content);
      tampered[0] = (tampered[0] ?? 0) ^ 1;
      expect(
        await verifyWithLabel(pub, s.label as string, tampered, hex(s.signature), cs.signature),
      ).toBe(false);
      // Ed25519 is deterministic: signing again with the upstream key gives the upstream signature.
      const pkcs8 = new Uint8Array([
        0x30,
        0x2e,
        0x02,
        0x01,
        0x00,
        0x30,
        0x05,
        0x06,
        0x03,
        0x2b,
        0x65,
        0x70,
        0x04,
        0x22,
        0x04,
        0x20,
        ...opaque(s.priv),
      ]);
      expect(
        toHex(await signWithLabel(pkcs8, s.label as string, hex(s.content), cs.signature)),
      ).toBe(s.signature);

      const h = v.encrypt_with_label as Record<string, unknown>;
      const priv = await cs.hpke.importPrivateKey(opaque(h.priv));
      const pt = await decryptWithLabel(
        priv,
        h.label as string,
        hex(h.context),
        hex(h.kem_output),
        hex(h.ciphertext),
        cs.hpke,
      );
      expect(toHex(pt)).toBe(h.plaintext);
    }
  });

  it('psk_secret', async () => {
    const cs = await suite();
    for (const v of load('psk_secret.json')) {
      const psks = (v.psks as Record<string, unknown>[]).map((p): [PreSharedKeyID, Uint8Array] => [
        { psktype: 'external', pskId: hex(p.psk_id), pskNonce: hex(p.psk_nonce) },
        hex(p.psk),
      ]);
      expect(toHex(await computePskSecret(psks, cs))).toBe(v.psk_secret);
    }
  });

  it('secret-tree', async () => {
    const cs = await suite();
    for (const v of load('secret-tree.json')) {
      const sd = v.sender_data as Record<string, string>;
      same(await expandSenderDataKey(cs, hex(sd.sender_data_secret), hex(sd.ciphertext)), sd.key);
      same(
        await expandSenderDataNonce(cs, hex(sd.sender_data_secret), hex(sd.ciphertext)),
        sd.nonce,
      );

      // The stored upstream file lists one generation per leaf; the RFC 9420 layout lists
      // several. Accept both so a refreshed copy still runs.
      const leaves = (v.leaves as unknown[]).map((l) => (Array.isArray(l) ? l : [l])) as Record<
        string,
        unknown
      >[][];
      expect(leaves.length).toBe(v.n_leaves ?? leaves.length);
      let tree = await createSecretTree(leaves.length, hex(v.encryption_secret), cs.kdf);
      for (const [leafIndex, gens] of leaves.entries()) {
        for (const g of gens) {
          // A zero reuse guard leaves the nonce as derived, which is what the vector lists.
          const senderData = {
            leafIndex,
            generation: g.generation as number,
            reuseGuard: new Uint8Array(4) as ReuseGuard,
          };
          const app = await ratchetToGeneration(
            tree,
            senderData,
            'application',
            defaultKeyRetentionConfig,
            cs,
          );
          expect(app.generation).toBe(g.generation);
          same(app.key, g.application_key);
          same(app.nonce, g.application_nonce);
          const hs = await ratchetToGeneration(
            app.newTree,
            senderData,
            'commit',
            defaultKeyRetentionConfig,
            cs,
          );
          expect(hs.generation).toBe(g.generation);
          same(hs.key, g.handshake_key);
          same(hs.nonce, g.handshake_nonce);
          tree = hs.newTree;
        }
      }
    }
  });

  it('key-schedule', async () => {
    const cs = await suite();
    for (const v of load('key-schedule.json')) {
      let initSecret = hex(v.initial_init_secret);
      for (const [index, e] of (v.epochs as Record<string, unknown>[]).entries()) {
        const context: GroupContext = {
          version: 'mls10',
          cipherSuite: CIPHERSUITE_NAME,
          groupId: hex(v.group_id),
          epoch: BigInt(index),
          treeHash: hex(e.tree_hash),
          confirmedTranscriptHash: hex(e.confirmed_transcript_hash),
          extensions: [],
        };
        same(encodeGroupContext(context), e.group_context);

        const epoch = await initializeEpoch(
          initSecret,
          hex(e.commit_secret),
          context,
          hex(e.psk_secret),
          cs.kdf,
        );
        const ks = epoch.keySchedule;
        same(epoch.joinerSecret, e.joiner_secret);
        same(epoch.welcomeSecret, e.welcome_secret);
        same(epoch.encryptionSecret, e.encryption_secret);
        same(ks.initSecret, e.init_secret);
        same(ks.senderDataSecret, e.sender_data_secret);
        same(ks.exporterSecret, e.exporter_secret);
        same(ks.epochAuthenticator, e.epoch_authenticator);
        same(ks.externalSecret, e.external_secret);
        same(ks.confirmationKey, e.confirmation_key);
        same(ks.membershipKey, e.membership_key);
        same(ks.resumptionPsk, e.resumption_psk);

        // external_pub is the public half of KEM.DeriveKeyPair(external_secret).
        const { publicKey } = await cs.hpke.deriveKeyPair(ks.externalSecret);
        same(await cs.hpke.exportPublicKey(publicKey), e.external_pub);

        // The stored upstream entry computes its exporter value with the pre-RFC label
        // "exporter"; RFC 9420 section 8.5 (and ts-mls) use "exported". So: check the upstream
        // value with ts-mls's own primitives and the draft label, then check that mlsExporter is
        // the same construction with the RFC label.
        const x = e.exporter as Record<string, unknown>;
        const labelled = await deriveSecret(ks.exporterSecret, x.label as string, cs.kdf);
        const contextHash = await cs.hash.digest(hex(x.context));
        const length = x.length as number;
        same(await expandWithLabel(labelled, 'exporter', contextHash, length, cs.kdf), x.secret);
        const exported = await mlsExporter(
          ks.exporterSecret,
          x.label as string,
          hex(x.context),
          length,
          cs,
        );
        same(
          exported,
          toHex(await expandWithLabel(labelled, 'exported', contextHash, length, cs.kdf)),
        );

        // The next epoch starts from this epoch's init_secret, as in a real group.
        initSecret = ks.initSecret;
      }
    }
  });

  it('transcript-hashes', async () => {
    const cs = await suite();
    for (const v of load('transcript-hashes.json')) {
      const decoded = decodeAuthenticatedContent(hex(v.authenticated_content), 0);
      if (decoded === undefined) throw new Error('authenticated_content does not decode');
      const [auth] = decoded;
      if (auth.content.contentType !== 'commit' || auth.auth.contentType !== 'commit') {
        throw new Error('authenticated_content is not a commit');
      }
      const tag = auth.auth.confirmationTag;
      // confirmation_tag = MAC(confirmation_key, confirmed_transcript_hash_after)
      expect(
        await cs.hash.verifyMac(
          hex(v.confirmation_key),
          tag,
          hex(v.confirmed_transcript_hash_after),
        ),
      ).toBe(true);
      same(
        await cs.hash.mac(hex(v.confirmation_key), hex(v.confirmed_transcript_hash_after)),
        toHex(tag),
      );

      const confirmed = await createConfirmedHash(
        hex(v.interim_transcript_hash_before),
        { wireformat: auth.wireformat, content: auth.content, signature: auth.auth.signature },
        cs.hash,
      );
      same(confirmed, v.confirmed_transcript_hash_after);
      same(await createInterimHash(confirmed, tag, cs.hash), v.interim_transcript_hash_after);
    }
  });

  it('welcome', async () => {
    const cs = await suite();
    for (const v of load('welcome.json')) {
      // The stored upstream copy is not wrapped in MLSMessage as RFC 9420's test-vectors.md
      // asks: key_package is a bare KeyPackage, and welcome is a bare Welcome behind a
      // two-byte protocol version (mls10). Decode exactly that, and require every byte used.
      const kpBytes = hex(v.key_package);
      const kpDecoded = decodeKeyPackage(kpBytes, 0);
      if (kpDecoded === undefined) throw new Error('key_package does not decode');
      expect(kpDecoded[1]).toBe(kpBytes.length);
      const keyPackage = kpDecoded[0];
      const wBytes = hex(v.welcome);
      expect(toHex(wBytes.slice(0, 2))).toBe('0001');
      const wDecoded = decodeWelcome(wBytes.slice(2), 0);
      if (wDecoded === undefined) throw new Error('welcome does not decode');
      expect(wDecoded[1]).toBe(wBytes.length - 2);
      const welcome = wDecoded[0];
      expect(welcome.cipherSuite).toBe(CIPHERSUITE_NAME);

      // The KeyPackage signature verifies under its own leaf signature key.
      expect(await verifyKeyPackage(keyPackage, cs.signature)).toBe(true);

      const ref = await makeKeyPackageRef(keyPackage, cs.hash);
      // The Welcome addresses the new member by this KeyPackageRef.
      expect(welcome.secrets.map((s) => toHex(s.newMember))).toContain(toHex(ref));

      const initPriv = await cs.hpke.importPrivateKey(hex(v.init_priv));
      const secrets = await decryptGroupSecrets(initPriv, ref, welcome, cs.hpke);
      if (secrets === undefined) throw new Error('group secrets do not decrypt');

      // The new member gets a joiner secret of the hash size, no path secret and no PSKs.
      expect(secrets.joinerSecret.length).toBe(cs.kdf.size);
      expect(secrets.pathSecret).toBeUndefined();
      expect(secrets.psks).toEqual([]);
      // Decrypting the GroupInfo with that joiner secret fails with RFC 9420's welcome_key and
      // welcome_nonce on this stored (pre-RFC) copy, so the check stops here; see README.md.
    }
  });

  it('message-protection', async () => {
    const cs = await suite();
    for (const v of load('message-protection.json')) {
      const context: GroupContext = {
        version: 'mls10',
        cipherSuite: CIPHERSUITE_NAME,
        groupId: hex(v.group_id),
        epoch: BigInt(v.epoch as number),
        treeHash: hex(v.tree_hash),
        confirmedTranscriptHash: hex(v.confirmed_transcript_hash),
        extensions: [],
      };
      const signaturePub = hex(v.signature_pub);
      // The upstream messages come from leaf 1, so a two-leaf secret tree covers the sender.
      const tree = () => createSecretTree(2, hex(v.encryption_secret), cs.kdf);
      const privateMessage = (field: string): PrivateMessage => {
        const m = decodeMlsMessage(hex(v[field]), 0)?.[0];
        if (m?.wireformat !== 'mls_private_message') throw new Error(`${field} does not decode`);
        return m.privateMessage;
      };
      const publicMessage = (field: string): PublicMessage => {
        const m = decodeMlsMessage(hex(v[field]), 0)?.[0];
        if (m?.wireformat !== 'mls_public_message') throw new Error(`${field} does not decode`);
        return m.publicMessage;
      };
      const open = async (field: string, key = signaturePub) =>
        (
          await unprotectPrivateMessage(
            hex(v.sender_data_secret),
            privateMessage(field),
            await tree(),
            [],
            context,
            defaultKeyRetentionConfig,
            cs,
            key,
          )
        ).content;

      // PrivateMessage: decrypt sender data and content, verify the signature, compare bytes.
      const app = await open('application_priv');
      if (app.content.contentType !== 'application') throw new Error('not application data');
      same(app.content.applicationData, v.application);

      const prop = await open('proposal_priv');
      if (prop.content.contentType !== 'proposal') throw new Error('not a proposal');
      same(encodeProposal(prop.content.proposal), v.proposal);

      const commit = await open('commit_priv');
      if (commit.content.contentType !== 'commit' || commit.auth.contentType !== 'commit') {
        throw new Error('not a commit');
      }
      same(encodeCommit(commit.content.commit), v.commit);
      same(commit.auth.confirmationTag, v.confirmation_tag);

      // A wrong signature key must be refused, so the verification above is real.
      const otherKey = signaturePub.slice();
      otherKey[0] = (otherKey[0] ?? 0) ^ 1;
      await expect(open('application_priv', otherKey)).rejects.toThrow();

      // PublicMessage: membership tag and signature verify, content matches.
      const pubProp = await unprotectPublicMessage(
        hex(v.membership_key),
        context,
        [],
        publicMessage('proposal_pub'),
        cs,
        signaturePub,
      );
      if (pubProp.content.contentType !== 'proposal') throw new Error('not a proposal');
      same(encodeProposal(pubProp.content.proposal), v.proposal);

      const pubCommit = await unprotectPublicMessage(
        hex(v.membership_key),
        context,
        [],
        publicMessage('commit_pub'),
        cs,
        signaturePub,
      );
      if (pubCommit.content.contentType !== 'commit' || pubCommit.auth.contentType !== 'commit') {
        throw new Error('not a commit');
      }
      same(encodeCommit(pubCommit.content.commit), v.commit);
      same(pubCommit.auth.confirmationTag, v.confirmation_tag);

      const wrongMembership = hex(v.membership_key);
      wrongMembership[0] = (wrongMembership[0] ?? 0) ^ 1;
      await expect(
        unprotectPublicMessage(
          wrongMembership,
          context,
          [],
          publicMessage('proposal_pub'),
          cs,
          signaturePub,
        ),
      ).rejects.toThrow();

      // The other direction: ts-mls protects the upstream application data with the upstream
      // keys, and the result opens again to the same bytes.
      const sealed = await protectApplicationData(
        hex(v.signature_priv),
        hex(v.sender_data_secret),
        hex(v.application),
        new Uint8Array(),
        context,
        await tree(),
        1,
        defaultPaddingConfig,
        cs,
      );
      const reopened = await unprotectPrivateMessage(
        hex(v.sender_data_secret),
        sealed.privateMessage,
        await tree(),
        [],
        context,
        defaultKeyRetentionConfig,
        cs,
        signaturePub,
      );
      if (reopened.content.content.contentType !== 'application') throw new Error('not data');
      same(reopened.content.content.applicationData, v.application);
    }
  });

  it('treekem', async () => {
    const cs = await suite();
    for (const v of load('treekem.json')) {
      const treeBytes = hex(v.ratchet_tree);
      const decodedTree = decodeRatchetTree(treeBytes, 0);
      if (decodedTree === undefined) throw new Error('ratchet_tree does not decode');
      expect(decodedTree[1]).toBe(treeBytes.length);
      const tree = decodedTree[0];
      const leaves = v.leaves_private as Record<string, unknown>[];
      const treeHashBefore = await treeHashRoot(tree, cs.hash);

      for (const up of v.update_paths as Record<string, unknown>[]) {
        const sender = toLeafIndex(up.sender as number);
        const pathBytes = hex(up.update_path);
        const decodedPath = decodeUpdatePath(pathBytes, 0);
        if (decodedPath === undefined) throw new Error('update_path does not decode');
        expect(decodedPath[1]).toBe(pathBytes.length);
        const path = decodedPath[0];

        // Merging the sender's UpdatePath gives the upstream tree hash.
        const after = await applyUpdatePath(tree, sender, path, cs.hash);
        same(await treeHashRoot(after, cs.hash), up.tree_hash_after);

        // Every other member decrypts the path secret at its lowest common ancestor with the
        // sender. The upstream generator encrypts under a GroupContext carrying the tree hash of
        // the given ratchet_tree (not tree_hash_after: that does not decrypt), so use that.
        const context: GroupContext = {
          version: 'mls10',
          cipherSuite: CIPHERSUITE_NAME,
          groupId: hex(v.group_id),
          epoch: BigInt(v.epoch as number),
          treeHash: treeHashBefore,
          confirmedTranscriptHash: hex(v.confirmed_transcript_hash),
          extensions: [],
        };
        const expected = up.path_secrets as (string | null)[];
        for (const leaf of leaves) {
          const index = leaf.index as number;
          if (index === up.sender) {
            expect(expected[index]).toBeNull();
            continue;
          }
          const secrets: Record<number, Uint8Array> = {};
          for (const p of leaf.path_secrets as Record<string, unknown>[]) {
            secrets[p.node as number] = hex(p.path_secret);
          }
          const fromPath = await toPrivateKeyPath(secrets, index, cs);
          const privatePath = {
            leafIndex: index,
            privateKeys: { ...fromPath.privateKeys, [index * 2]: hex(leaf.encryption_priv) },
          };
          const got = await applyUpdatePathSecret(
            after,
            privatePath,
            sender,
            context,
            path,
            [],
            cs,
          );
          same(got.pathSecret, expected[index]);
          same(
            await getCommitSecret(after, got.nodeIndex, got.pathSecret, cs.kdf),
            up.commit_secret,
          );
        }
      }
    }
  });
});
