package org.sild.cli.sandbox;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The fictional people of the sandbox. Their personal codes have the shape and check digit of
 * Estonian personal identification codes but belong to nobody: they are made up here.
 */
public final class DemoPeople {

    /** One fictional person. */
    public record Person(String personalCode, String givenName, String familyName, LocalDate dateOfBirth,
            String address) {
    }

    private static final List<Person> PEOPLE = List.of(
            person(3, LocalDate.of(1980, 1, 1), 1, "Mart", "Tamm", "Pikk 1, Tallinn"),
            person(4, LocalDate.of(1985, 6, 15), 2, "Kati", "Kask", "Rüütli 12, Tartu"),
            person(5, LocalDate.of(2001, 11, 30), 3, "Jaan", "Saar", "Rannu tee 4, Pärnu"),
            person(6, LocalDate.of(2003, 3, 8), 4, "Liis", "Mänd", "Kesk 7, Viljandi"),
            person(3, LocalDate.of(1952, 9, 21), 5, "Arvo", "Lepp", "Mere pst 20, Haapsalu"));

    private DemoPeople() {
    }

    /** Everyone, in a fixed order. */
    public static List<Person> all() {
        return PEOPLE;
    }

    /** The person with {@code personalCode}. */
    public static Optional<Person> find(String personalCode) {
        return PEOPLE.stream().filter(p -> p.personalCode().equals(personalCode)).findFirst();
    }

    /**
     * A personal code: century-and-sex digit, YYMMDD, a three-digit serial and the check digit
     * computed with the two weight rounds of the Estonian standard.
     */
    static String personalCode(int firstDigit, LocalDate born, int serial) {
        String body = firstDigit + String.format("%02d%02d%02d%03d", born.getYear() % 100, born.getMonthValue(),
                born.getDayOfMonth(), serial);
        return body + checkDigit(body);
    }

    static int checkDigit(String tenDigits) {
        int check = weightedSum(tenDigits, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 1}) % 11;
        if (check == 10) {
            check = weightedSum(tenDigits, new int[] {3, 4, 5, 6, 7, 8, 9, 1, 2, 3}) % 11;
            if (check == 10) {
                check = 0;
            }
        }
        return check;
    }

    private static int weightedSum(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        return sum;
    }

    private static Person person(int firstDigit, LocalDate born, int serial, String given, String family,
            String address) {
        return new Person(personalCode(firstDigit, born, serial), given, family, born, address);
    }
}
