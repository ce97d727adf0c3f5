package io.myriad.reminder.web;

/** No such task or reminder for this user; another user's id looks the same, so it leaks nothing. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, String id) {
        super("No " + what + " " + id);
    }
}
