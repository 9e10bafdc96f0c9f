#ifndef UNIONPRESS_INTERRUPT_DEFERRAL_H
#define UNIONPRESS_INTERRUPT_DEFERRAL_H

/// Holds back SIGINT, SIGTERM and SIGHUP until `up_interrupts_resume`: while a build puts its site
/// in place (a few renames and the state), Ctrl-C, a CI runner's stop or a closed terminal would
/// leave the output half old, half new. The signal is remembered, not lost: `up_interrupts_resume`
/// puts back the actions there were and raises the first signal that came, which then ends the
/// process as it would have. Calls may overlap (two builds in one process): the signals are held
/// back from the first `up_interrupts_defer` until the matching last `up_interrupts_resume`.
void up_interrupts_defer(void);

/// Ends one `up_interrupts_defer`; the last one puts the earlier actions back and raises the first
/// held-back signal.
void up_interrupts_resume(void);

#endif
