package io.myriad.reminder.inapp;

import java.util.List;

import io.myriad.reminder.security.CurrentUser;
import io.myriad.reminder.web.Operation;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's in-app reminders that found no open connection. */
@RestController
@RequestMapping("/api/v1/inbox")
class InboxController {

    private final Inbox inbox;

    InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    @Operation(entity = "inbox", value = "list")
    List<InAppMessage> read() {
        return this.inbox.read(CurrentUser.id());
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(entity = "inbox", value = "delete")
    void clear() {
        this.inbox.clear(CurrentUser.id());
    }
}
