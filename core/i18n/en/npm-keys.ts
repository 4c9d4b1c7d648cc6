/** Key rotation between the centre and the ombudsman office (docs/npm.md#key-rotation): refusals, events, audit lines and the screens' words. */
export const npmKeys = {
  'error.npm.rotationUnknownSender': 'This key change is for an office or a centre device this installation does not know. Introduce it with its identity file first. Nothing was changed.',
  'error.npm.rotationNotTrusted':
    'This key change is not signed by the key you trust for this sender, so it cannot hand that trust on. Nothing was changed. Ask the sender, by phone, what their key is.',
  'error.npm.rotationKeyReused': 'This key change names a key that was replaced before; a replaced key is never trusted again. Nothing was changed.',
  'error.npm.retiredKey': 'This file is signed with a key that was replaced at {date}, and it was made after that. Nothing was imported.',
  'error.npm.unknownKey': 'The file is signed with a key you do not hold for its sender. If the sender changed its key, accept its key change file first. Nothing was imported.',
  'error.npm.noRotation': 'The organisation key has not been changed: there is no key change file.',
  'error.npm.keyFileOlder': 'This key file holds keys the organisation has since replaced. Import the newer key file. Nothing was changed.',

  'entity.npm_facility': 'Facility known to the office',
  'event.npm.facilityKeyRotated': 'Centre device key changed',
  'event.oversight.ombudsmanKeyRotated': 'Ombudsman office key changed',
  'audit.action.npm.orgKeyRotated': 'Organisation key changed',
  'audit.action.npm.deviceKeyRotated': 'Key for ombudsman files changed',
  'audit.action.npm.keyRotationRefused': 'Key change refused',

  'rot.file': 'Key change file',
  'rot.check': 'Check the file',
  'rot.from': 'Key change from {name}',
  'rot.old': 'Key trusted now',
  'rot.new': 'New key',
  'rot.at': 'Changed at',
  'rot.compare': 'Compare the new fingerprint with the sender by phone before you accept it.',
  'rot.accept': 'Accept new key',
  'rot.cancel': 'Cancel',
  'rot.accepted': 'The new key is trusted from now on. Files signed with the old key after the change are refused.',
  'rot.already': 'This key change was already accepted.',

  'vis.org.rotate.title': 'Change the organisation key',
  'vis.org.rotate.intro':
    'Makes new keys. Notes sealed before stay readable here: the old sealing key is kept. Every centre must accept the key change file, signed with the old key, before it takes files signed with the new one.',
  'vis.org.rotate.button': 'Rotate key',
  'vis.org.rotate.confirm': 'Make new organisation keys now? The other team laptops and the office console need the new key file afterwards.',
  'vis.org.rotate.confirmButton': 'Yes, rotate the key',
  'vis.org.rotate.done': 'New keys made ({old} → {new}). The key change file was saved: send it to every centre, and export the key file again for the other laptops.',
  'vis.org.rotate.again': 'Download the key change file again',
  'vis.org.retired': 'Replaced keys, kept to open older notes',
  'vis.org.retiredAt': 'replaced {at}',
  'vis.fac.rotate.title': 'Centre device key change',
  'vis.fac.rotate.hint': 'The file a centre sent after changing the key of one of its devices.',

  'ovs.rotate.title': 'Ombudsman office key change',
  'ovs.rotate.hint': 'The file the ombudsman office sent after changing its key.',
  'ovs.fileKey.title': 'Key for files to the office',
  'ovs.fileKey.intro':
    'This device signs the register extract and its responses for the office with its own key. Change it when the laptop or a copy of it may be in other hands; the office must then accept the key change file.',
  'ovs.fileKey.rotate': 'Change this device’s key',
  'ovs.fileKey.confirm': 'Make a new key for this device’s files to the ombudsman office? The office must accept the key change file before it takes files signed with the new key.',
  'ovs.fileKey.confirmButton': 'Yes, change the key',
  'ovs.fileKey.done': 'New key made ({old} → {new}). The key change file was saved: send it to the ombudsman office.',
} as const;
