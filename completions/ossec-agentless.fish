# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ossec_agentless_global_optspecs
    string join \n ossec-dir= config= color= q/quiet v/verbose h/help V/version
end

function __fish_ossec_agentless_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ossec_agentless_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ossec_agentless_using_subcommand
    set -l cmd (__fish_ossec_agentless_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "generate" -d 'Regenerate the shell completions and man pages (for maintainers)'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "keygen" -d 'Make the agentless user\'s SSH key pair (<DIR>/.ssh/id_ed25519), with the right owner and modes, and print its fingerprint'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "push-key" -d 'Install the agentless user\'s public key on a host (safely, once), then prove that a login with only the key works'
complete -c ossec-agentless -n "__fish_ossec_agentless_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand generate" -l dir -d 'The project directory holding completions/ and man/' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand generate" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand generate" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand generate" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand generate" -l check -d 'Only check that the files on disk are current; exit 1 if any is stale'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand generate" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand generate" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand generate" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -s t -l type -d 'Key type. ed25519 is what ssh-keygen makes since OpenSSH 9.5; use rsa only for old servers that do not accept ed25519' -r -f -a "ed25519\t'Ed25519 (the default; ssh-keygen\'s default since OpenSSH 9.5)'
rsa\t'RSA (for old servers)'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -s b -l bits -d 'RSA key size in bits (2048 to 16384) [default: 3072]. Not used for ed25519' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -l force -d 'Replace an existing key of this type. The old key then stops working on every host where it was installed: run push-key again for each'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -s n -l dry-run -d 'Show what would be created or changed, and write nothing'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -l json -d 'Print the result as JSON'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand keygen" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -s p -l port -d 'SSH port of the host' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -s i -l identity -d 'The public key to install [default: <DIR>/.ssh/id_ed25519.pub, else id_rsa.pub]. A private key file name gets `.pub` appended' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -l fingerprint -d 'Trust only a host key with this fingerprint (SHA256:…, from `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the host), and record it' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -l connect-timeout -d 'Seconds to wait for the connection and login' -r
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -l password-stdin -d 'Read the login password from the first line of standard input instead of asking (for scripts: never put a password on the command line)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -l accept-new -d 'Trust the host\'s key if it is not yet in <DIR>/.ssh/known_hosts, and record it there (trust on first use). A changed key is refused all the same'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -s n -l dry-run -d 'Log in and report what would change on the host, but change nothing on either side'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand push-key" -s V -l version -d 'Print version'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from generate keygen push-key help" -f -a "generate" -d 'Regenerate the shell completions and man pages (for maintainers)'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from generate keygen push-key help" -f -a "keygen" -d 'Make the agentless user\'s SSH key pair (<DIR>/.ssh/id_ed25519), with the right owner and modes, and print its fingerprint'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from generate keygen push-key help" -f -a "push-key" -d 'Install the agentless user\'s public key on a host (safely, once), then prove that a login with only the key works'
complete -c ossec-agentless -n "__fish_ossec_agentless_using_subcommand help; and not __fish_seen_subcommand_from generate keygen push-key help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
