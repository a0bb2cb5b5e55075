package org.twitchtriage.cdshooks.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The most recently issued cards, by uuid, so that feedback can be linked to its decision and findings. In memory and
 * bounded (the oldest are forgotten first); feedback on a forgotten card is still recorded, without the link, which
 * can be recomputed from the audit log because card uuids are derived from decision id and finding code. Thread-safe.
 */
public final class IssuedCards {
    private final Map<String, CardAssembler.IssuedCard> cards;

    /** @param capacity how many cards to remember */
    public IssuedCards(int capacity) {
        this.cards = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CardAssembler.IssuedCard> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Remembers a card. */
    public synchronized void add(CardAssembler.IssuedCard card) {
        cards.put(card.uuid(), card);
    }

    /** @return the card with this uuid, if it is still remembered */
    public synchronized Optional<CardAssembler.IssuedCard> find(String uuid) {
        return Optional.ofNullable(cards.get(uuid));
    }
}
