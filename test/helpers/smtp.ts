import { SMTPServer } from 'smtp-server';

/** A local SMTP server that keeps each message it accepts and refuses the recipients `refuses` says. */
export function recordingSmtp(received: string[], refuses: (address: string) => boolean = () => false): SMTPServer {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, session, callback) {
      callback(refuses(address.address) ? new Error('550 mailbox unavailable') : undefined);
    },
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (c: Buffer) => (data += c.toString()));
      stream.on('end', () => {
        received.push(data);
        callback();
      });
    },
  });
}
