package dev.beton.workspace;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class BetonUserDetailsService implements UserDetailsService {

    private final Users users;

    BetonUserDetailsService(Users users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        User user = users.byEmail(email).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        String hash = users.passwordHash(email).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return new BetonUserDetails(user.id(), user.email(), hash, user.admin(), users.mustChangePassword(user.id()));
    }
}
