complete -c ossec-config -l ossec-dir -d 'The OSSEC (or Wazuh) installation directory' -r -F
complete -c ossec-config -l config -d 'The configuration file to read and edit [default: <DIR>/etc/ossec.conf]' -r -F
complete -c ossec-config -l color -d 'When to use colours (NO_COLOR in the environment turns them off for `auto`)' -r -f -a "auto\t'Colour when the stream is a terminal and `NO_COLOR` is not set'
always\t'Always colour (also forced by `CLICOLOR_FORCE`)'
never\t'Never colour'"
complete -c ossec-config -l section -d 'The configuration section; only `agentless` is supported' -r
complete -c ossec-config -l host -d 'The monitored host, `user@host` (may be prefixed with `use_su `)' -r
complete -c ossec-config -l type -d 'The agentless script, e.g. ssh_integrity_check_linux' -r
complete -c ossec-config -l state -d 'The state: periodic or periodic_diff' -r
complete -c ossec-config -l argv -d 'The script\'s arguments (written to <arguments>)' -r
complete -c ossec-config -l frequency -d 'Seconds between runs [default: 3600, as the 2009 tool wrote]' -r
complete -c ossec-config -s q -l quiet -d 'Print only data and errors: no warnings or notes on stderr'
complete -c ossec-config -s v -l verbose -d 'Explain more on stderr (repeat for more)'
complete -c ossec-config -l show -d 'List the entries of the section'
complete -c ossec-config -l add -d 'Append one entry to the section'
complete -c ossec-config -s n -l dry-run -d 'Show the change as a unified diff, and write nothing'
complete -c ossec-config -l no-backup -d 'Do not keep the previous file as ossec.conf.bak'
complete -c ossec-config -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossec-config -s V -l version -d 'Print version'
