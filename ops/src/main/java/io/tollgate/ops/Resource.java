package io.tollgate.ops;

/** A kind of governance definition and where the management API keeps it. */
enum Resource {

    VIRTUAL_KEY("/api/governance/virtual-keys", "virtual_key", "virtual_keys", "virtual key", "Virtual key"),
    TEAM("/api/governance/teams", "team", "teams", "team", "Team"),
    CUSTOMER("/api/governance/customers", "customer", "customers", "customer", "Customer");

    private final String path;
    private final String field;
    private final String listField;
    private final String label;
    private final String title;

    Resource(String path, String field, String listField, String label, String title) {
        this.path = path;
        this.field = field;
        this.listField = listField;
        this.label = label;
        this.title = title;
    }

    /** The collection's path ({@code /api/governance/teams}). */
    String path() {
        return path;
    }

    /** One definition's path, the id percent-encoded. */
    String path(String id) {
        return path + "/" + ManagementClient.segment(id);
    }

    /** The answer's field holding one definition ({@code virtual_key}). */
    String field() {
        return field;
    }

    /** The answer's field holding the list ({@code virtual_keys}). */
    String listField() {
        return listField;
    }

    /** The lower-case name for messages ({@code virtual key}). */
    String label() {
        return label;
    }

    /** The name starting a sentence ({@code Virtual key}). */
    String title() {
        return title;
    }
}
