//! The SSH transport the commands run on (`scan`, `diff`, `test-script`'s cross-check) against
//! a real sshd: both outputs streamed with stdin and exit status, idle timeout, password login
//! and its failure messages (issue #4).

use crate::keygen::keygen;
use crate::sshd::{Kind, Sshd, account};
use crate::util::TestEnv;
use ossec_agentless::ssh::{
    Auth, ConnectOptions, Destination, HostKeyPolicy, KnownHostsFile, SshTransport,
};
use ossec_agentless::secret::Secret;
use ossec_agentless::transport::{ExitStatus, Timeouts, Transport, TransportError};
use std::fs;
use std::time::Duration;

/// A logged-in transport with a fresh key authorised in the server's key directory.
fn key_transport(sshd: &Sshd, user: &str, idle: Option<Duration>) -> (TestEnv, SshTransport) {
    let env = TestEnv::new();
    keygen(&env, &[]);
    sshd.authorize(
        user,
        &fs::read_to_string(env.path(".ssh/id_ed25519.pub")).unwrap(),
    );
    let dest = Destination::parse(&format!("{user}@127.0.0.1"), sshd.port).unwrap();
    let opts = ConnectOptions {
        timeouts: Timeouts {
            connect: Duration::from_secs(10),
            idle,
        },
        policy: HostKeyPolicy::Strict,
        known_hosts: KnownHostsFile {
            path: sshd.known_hosts(),
            owner: None,
        },
        record_new_keys: false,
        keepalive_secs: 5,
    };
    let key = env.path(".ssh/id_ed25519");
    let t = SshTransport::connect(
        &dest,
        Auth::KeyFile {
            private: &key,
            public: None,
        },
        &opts,
    )
    .expect("key login");
    (env, t)
}

fn transport_streams_both_outputs_with_stdin_and_status() {
    let Some(sshd) = Sshd::start() else { return };
    for kind in [Kind::Bash, Kind::Dash, Kind::Noisy] {
        let Some(a) = account(kind) else { return };
        let (_env, mut t) = key_transport(&sshd, &a.user, Some(Duration::from_secs(20)));
        let (status, out, err) = t
            .exec_collect(
                "cat; echo 'to stderr' >&2; exit 3",
                b"line one\nline 'two'\n",
            )
            .unwrap();
        assert_eq!(status, ExitStatus::Code(3), "{kind:?}");
        // noisy profiles may print before the command runs; the command's output comes last
        assert!(
            String::from_utf8_lossy(&out).ends_with("line one\nline 'two'\n"),
            "{kind:?}"
        );
        assert!(
            String::from_utf8_lossy(&err).ends_with("to stderr\n"),
            "{kind:?}"
        );
        // a large output that interleaves both streams is read without stalling
        let (status, out, err) = t
            .exec_collect(
                "i=0; while [ $i -lt 2000 ]; do echo out$i; echo err$i >&2; i=$((i+1)); done",
                b"",
            )
            .unwrap();
        assert!(status.success());
        assert!(String::from_utf8_lossy(&out).contains("out1999\n"));
        assert!(String::from_utf8_lossy(&err).contains("err1999\n"));
        // stdin larger than the channel window arrives whole
        let big = vec![b'x'; 3_000_000];
        let (status, out, _) = t.exec_collect("wc -c", &big).unwrap();
        assert!(status.success());
        assert!(
            String::from_utf8_lossy(&out).ends_with("3000000\n"),
            "{kind:?}"
        );
        let (status, _, _) = t.exec_collect("kill -TERM $$", b"").unwrap();
        assert_eq!(status, ExitStatus::Signal("TERM".into()), "{kind:?}");
    }
}

fn transport_idle_timeout_counts_silence_not_duration() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let (_env, mut t) = key_transport(&sshd, &a.user, Some(Duration::from_millis(1500)));
    // 3 s in total, never silent for 1.5 s
    let (status, out, _) = t
        .exec_collect("for i in 1 2 3 4 5 6; do echo $i; sleep 0.5; done", b"")
        .unwrap();
    assert!(status.success());
    assert_eq!(out, b"1\n2\n3\n4\n5\n6\n");
    let start = std::time::Instant::now();
    let err = t.exec_collect("sleep 10", b"").unwrap_err();
    assert!(matches!(err, TransportError::IdleTimeout { .. }), "{err}");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    // the connection is not reused after a timeout
    let err = t.exec_collect("true", b"").unwrap_err();
    assert!(matches!(err, TransportError::Disconnected { .. }), "{err}");
}

fn transport_password_login_and_auth_failure_messages() {
    let Some(a) = account(Kind::Bash) else { return };
    let Some(sshd) = Sshd::start() else { return };
    let dest = Destination::parse(&format!("{}@127.0.0.1", a.user), sshd.port).unwrap();
    let opts = ConnectOptions {
        timeouts: Timeouts::default(),
        policy: HostKeyPolicy::Strict,
        known_hosts: KnownHostsFile {
            path: sshd.known_hosts(),
            owner: None,
        },
        record_new_keys: false,
        keepalive_secs: 0,
    };
    let pw = Secret::new(a.pass.clone());
    let mut t = SshTransport::connect(&dest, Auth::Password(&pw), &opts).unwrap();
    let (status, out, _) = t.exec_collect("id -un", b"").unwrap();
    assert!(status.success());
    assert_eq!(String::from_utf8_lossy(&out).trim(), a.user);
    let bad = Secret::new("not-the-password");
    let err = SshTransport::connect(&dest, Auth::Password(&bad), &opts).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains(&dest.target()) && msg.contains("authentication failed"),
        "{msg}"
    );
    assert!(!msg.contains("not-the-password"));
    // nothing listens: a connect error naming the host
    let closed = Destination::parse("u@127.0.0.1", 1).unwrap();
    let err = SshTransport::connect(&closed, Auth::Password(&pw), &opts).unwrap_err();
    assert!(matches!(err, TransportError::Connect { .. }), "{err}");
    assert!(err.to_string().contains("u@127.0.0.1:1"), "{err}");
}

crate::tests! {
    transport_streams_both_outputs_with_stdin_and_status,
    transport_idle_timeout_counts_silence_not_duration,
    transport_password_login_and_auth_failure_messages,
}
